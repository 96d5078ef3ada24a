{#- Date arithmetic differs by engine: DuckDB adds intervals, Snowflake has dateadd(). -#}
{% macro dateadd_days(expression, days) -%}
  {{ return(adapter.dispatch('dateadd_days')(expression, days)) }}
{%- endmacro %}

{% macro default__dateadd_days(expression, days) -%}
  ({{ expression }} + interval '{{ days }} day')
{%- endmacro %}

{% macro duckdb__dateadd_days(expression, days) -%}
  ({{ expression }} + to_days(cast({{ days }} as integer)))
{%- endmacro %}

{% macro snowflake__dateadd_days(expression, days) -%}
  dateadd(day, {{ days }}, {{ expression }})
{%- endmacro %}

{#- Whole days from `start` to `end` (end - start). -#}
{% macro datediff_days(start, end) -%}
  {{ return(adapter.dispatch('datediff_days')(start, end)) }}
{%- endmacro %}

{% macro default__datediff_days(start, end) -%}
  datediff('day', {{ start }}, {{ end }})
{%- endmacro %}

{% macro snowflake__datediff_days(start, end) -%}
  datediff(day, {{ start }}, {{ end }})
{%- endmacro %}

{#- Months from `start` to `end`, counting month boundaries (2026-01-31 → 2026-02-01 is 1). -#}
{% macro datediff_months(start, end) -%}
  {{ return(adapter.dispatch('datediff_months')(start, end)) }}
{%- endmacro %}

{% macro default__datediff_months(start, end) -%}
  datediff('month', {{ start }}, {{ end }})
{%- endmacro %}

{% macro snowflake__datediff_months(start, end) -%}
  datediff(month, {{ start }}, {{ end }})
{%- endmacro %}

{#- Seconds between two timestamps, as a number with fractions. -#}
{% macro seconds_between(start, end) -%}
  {{ return(adapter.dispatch('seconds_between')(start, end)) }}
{%- endmacro %}

{% macro default__seconds_between(start, end) -%}
  (epoch({{ end }}) - epoch({{ start }}))
{%- endmacro %}

{% macro snowflake__seconds_between(start, end) -%}
  (datediff(millisecond, {{ start }}, {{ end }}) / 1000.0)
{%- endmacro %}
