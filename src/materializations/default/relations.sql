{#- DDL building blocks. Each is dispatched: an adapter (or your project) overrides
    `<adapter>__name`; `default__name` is the fallback. The planner (src/plan) decides which
    run, in which order; these only say how to write them. -#}
{% macro create_table_as(relation, sql, cluster_by) -%}
  {{ return(adapter.dispatch('create_table_as')(relation, sql, cluster_by)) }}
{%- endmacro %}

{% macro default__create_table_as(relation, sql, cluster_by) -%}
create table {{ relation }} as (
{{ sql }}
)
{%- endmacro %}

{% macro create_view_as(relation, sql) -%}
  {{ return(adapter.dispatch('create_view_as')(relation, sql)) }}
{%- endmacro %}

{% macro default__create_view_as(relation, sql) -%}
create or replace view {{ relation }} as (
{{ sql }}
)
{%- endmacro %}

{% macro drop_relation(relation, type) -%}
  {{ return(adapter.dispatch('drop_relation')(relation, type)) }}
{%- endmacro %}

{% macro default__drop_relation(relation, type) -%}
drop {{ type }} if exists {{ relation }}
{%- endmacro %}

{% macro rename_relation(from_relation, to_identifier) -%}
  {{ return(adapter.dispatch('rename_relation')(from_relation, to_identifier)) }}
{%- endmacro %}

{% macro default__rename_relation(from_relation, to_identifier) -%}
alter table {{ from_relation }} rename to {{ adapter.quote(to_identifier) }}
{%- endmacro %}

{% macro cluster_table(relation, cluster_by, automatic_clustering) -%}
  {{ return(adapter.dispatch('cluster_table')(relation, cluster_by, automatic_clustering)) }}
{%- endmacro %}

{% macro default__cluster_table(relation, cluster_by, automatic_clustering) -%}
{%- endmacro %}

{% macro create_schema(relation) -%}
  {{ return(adapter.dispatch('create_schema')(relation)) }}
{%- endmacro %}

{% macro default__create_schema(relation) -%}
create schema if not exists {{ relation }}
{%- endmacro %}
