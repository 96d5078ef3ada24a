{#- DuckDB snapshots. `timezone('UTC', x)` turns a TIMESTAMP WITH TIME ZONE into the UTC wall
    clock as a plain TIMESTAMP (a cast would use the session's TimeZone setting instead). -#}
{% macro duckdb__snapshot_utc_timestamp(expression, data_type) -%}
{%- if 'TIME ZONE' in (data_type | upper) -%}
timezone('UTC', {{ expression }})
{%- else -%}
cast({{ expression }} as timestamp)
{%- endif -%}
{%- endmacro %}

{#- A DuckDB temporary table lives in the `temp` catalog, not beside the snapshot; a plain
    table in the snapshot's schema keeps the merge statement adapter-neutral. The planner
    drops it after the merge (and `create or replace` clears one a crash left behind). -#}
{% macro duckdb__create_snapshot_staging_table(relation, sql) -%}
create or replace table {{ relation }} as
{{ sql }}
{%- endmacro %}
