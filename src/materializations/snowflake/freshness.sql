{#- Snowflake's current_timestamp() is in the session time zone; dbt compares in UTC. -#}
{% macro snowflake__collect_freshness(source, loaded_at_field, filter) -%}
select
    max({{ loaded_at_field }}) as max_loaded_at,
    convert_timezone('UTC', current_timestamp())::timestamp_ntz as snapshotted_at
from {{ source }}
{% if filter %}where {{ filter }}{% endif %}
{%- endmacro %}
