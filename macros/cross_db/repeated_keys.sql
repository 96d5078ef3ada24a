{#- The values of `key` that occur more than once in `relation` (NULLs excluded): a query for a
    CTE. Base models use it to rank only the rows of repeated ids, never the whole feed.
    DuckDB finds them by sorting the ids and comparing neighbours, which is several times
    cheaper than a hash aggregate with one group per id when nearly every id is unique.
    Snowflake keeps the GROUP BY: a window without PARTITION BY runs on a single node there. -#}
{% macro repeated_keys(relation, key) -%}
  {{ return(adapter.dispatch('repeated_keys')(relation, key)) }}
{%- endmacro %}

{% macro default__repeated_keys(relation, key) -%}
select {{ key }}
from {{ relation }}
where {{ key }} is not null
group by {{ key }}
having count(*) > 1
{%- endmacro %}

{% macro duckdb__repeated_keys(relation, key) -%}
select {{ key }}
from (
  select {{ key }}, lag({{ key }}) over (order by {{ key }}) as previous_key
  from {{ relation }}
  where {{ key }} is not null
) as sorted_keys
where {{ key }} = previous_key
group by {{ key }}
{%- endmacro %}
