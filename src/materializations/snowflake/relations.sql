{#- Snowflake: transient by default (no fail-safe storage cost, as dbt-snowflake), the
    table written in cluster-key order, then `alter table ... cluster by` so Snowflake keeps it. -#}
{% macro snowflake__create_table_as(relation, sql, cluster_by) -%}
{%- set transient = config.get('transient', true) -%}
{%- set copy_grants = config.get('copy_grants', false) -%}
create or replace {% if transient %}transient {% endif %}table {{ relation }}{% if copy_grants %} copy grants{% endif %} as (
select * from (
{{ sql }}
)
{%- if cluster_by %}
order by ({{ cluster_by | join(', ') }})
{%- endif %}
)
{%- endmacro %}

{% macro snowflake__cluster_table(relation, cluster_by, automatic_clustering) -%}
{%- if cluster_by -%}
alter table {{ relation }} cluster by ({{ cluster_by | join(', ') }})
{%- if automatic_clustering %};
alter table {{ relation }} resume recluster
{%- endif -%}
{%- endif -%}
{%- endmacro %}

{% macro snowflake__create_view_as(relation, sql) -%}
{%- set secure = config.get('secure', false) -%}
{%- set copy_grants = config.get('copy_grants', false) -%}
create or replace {% if secure %}secure {% endif %}view {{ relation }}{% if copy_grants %} copy grants{% endif %} as (
{{ sql }}
)
{%- endmacro %}

{% macro snowflake__rename_relation(from_relation, to_identifier) -%}
alter table {{ from_relation }} rename to {{ from_relation.database | upper }}.{{ from_relation.schema | upper }}.{{ adapter.quote(to_identifier | upper) }}
{%- endmacro %}
