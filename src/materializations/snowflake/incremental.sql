{#- Snowflake incremental overrides. The batch is staged in a session-scoped temporary table
    (no storage after the session, as dbt-snowflake does); DDL commits implicitly on Snowflake,
    so the planner drops it after the DML's `commit`. -#}
{% macro snowflake__create_temp_table_as(relation, sql) -%}
create or replace temporary table {{ relation }} as (
{{ sql }}
)
{%- endmacro %}

{#- Snowflake changes a column type only to widen it (longer varchar, more precision):
    https://docs.snowflake.com/en/sql-reference/sql/alter-table-column -#}
{% macro snowflake__alter_column_type(relation, column, data_type) -%}
alter table {{ relation }} alter column {{ adapter.quote(column) }} set data type {{ data_type }}
{%- endmacro %}

{#- Snowflake reads `'2026-01-01 00:00:00'` as TIMESTAMP_NTZ; the event time column may be a DATE
    or any timestamp flavour, all comparable with it. -#}
{% macro snowflake__get_batch_window_condition(event_time, start, end) -%}
{{ event_time }} >= to_timestamp_ntz('{{ start }}') and {{ event_time }} < to_timestamp_ntz('{{ end }}')
{%- endmacro %}
