{#- DuckDB incremental overrides. `merge into` (DuckDB 1.4+, checked on 1.5) implements the
    default merge macro as written: composite keys, null keys that never match, and
    `incremental_predicates` in the `on` clause all behave as on Snowflake, so there is no
    update-then-insert fallback here. The staged batch is a plain table beside the target
    (not `create temp table`, which lives in the `temp` catalog), dropped in the same
    transaction as the DML. -#}
{% macro duckdb__create_temp_table_as(relation, sql) -%}
create table {{ relation }} as
select * from (
{{ sql }}
) as model_subquery
{%- endmacro %}
