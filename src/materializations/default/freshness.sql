{#- Source freshness: the newest `loaded_at_field` value and the database's clock, in one row.
    Naive timestamps are read as UTC, as dbt does; adapters whose clock has a time zone
    override this to compare like with like. -#}
{% macro collect_freshness(source, loaded_at_field, filter) -%}
  {{ return(adapter.dispatch('collect_freshness')(source, loaded_at_field, filter)) }}
{%- endmacro %}

{% macro default__collect_freshness(source, loaded_at_field, filter) -%}
select
    max({{ loaded_at_field }}) as max_loaded_at,
    current_timestamp as snapshotted_at
from {{ source }}
{% if filter %}where {{ filter }}{% endif %}
{%- endmacro %}
