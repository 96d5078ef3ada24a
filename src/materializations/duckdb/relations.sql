{#- DuckDB: no cluster keys, but writing a table sorted by them gives tight row-group
    min/max statistics, so filters on those columns skip row groups (zone maps). -#}
{% macro duckdb__create_table_as(relation, sql, cluster_by) -%}
create table {{ relation }} as
select * from (
{{ sql }}
) as model_subquery
{%- if cluster_by %}
order by {{ cluster_by | join(', ') }}
{%- endif %}
{%- endmacro %}
