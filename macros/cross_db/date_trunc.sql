{#- date_trunc returns a timestamp on DuckDB for timestamps and a date for dates; both engines
    agree once the result is cast to date, which is what every caller here wants. -#}
{% macro trunc_to_date(part, expression) -%}
  {{ return(adapter.dispatch('trunc_to_date')(part, expression)) }}
{%- endmacro %}

{% macro default__trunc_to_date(part, expression) -%}
  cast(date_trunc('{{ part }}', {{ expression }}) as date)
{%- endmacro %}

{% macro snowflake__trunc_to_date(part, expression) -%}
  cast(date_trunc({{ part }}, {{ expression }}) as date)
{%- endmacro %}

{#- ISO weekday: 1 = Monday ... 7 = Sunday (Snowflake's DAYOFWEEK depends on WEEK_START). -#}
{% macro iso_weekday(expression) -%}
  {{ return(adapter.dispatch('iso_weekday')(expression)) }}
{%- endmacro %}

{% macro default__iso_weekday(expression) -%}
  isodow({{ expression }})
{%- endmacro %}

{% macro snowflake__iso_weekday(expression) -%}
  dayofweekiso({{ expression }})
{%- endmacro %}

{#- Every day from `start_date` to `end_date` (inclusive, 'YYYY-MM-DD') as rows of `date_day`. -#}
{% macro date_spine(start_date, end_date) -%}
  {{ return(adapter.dispatch('date_spine')(start_date, end_date)) }}
{%- endmacro %}

{% macro default__date_spine(start_date, end_date) -%}
  select cast(range as date) as date_day
  from range(date '{{ start_date }}', date '{{ end_date }}' + interval 1 day, interval 1 day)
{%- endmacro %}

{% macro snowflake__date_spine(start_date, end_date) -%}
  {#- generator() needs a constant row count: 20 years is plenty; the filter trims it.
      row_number() rather than seq4() because seq4() may have gaps. -#}
  select date_day from (
    select dateadd(day, row_number() over (order by seq4()) - 1, '{{ start_date }}'::date) as date_day
    from table(generator(rowcount => 7320))
  ) where date_day <= '{{ end_date }}'::date
{%- endmacro %}
