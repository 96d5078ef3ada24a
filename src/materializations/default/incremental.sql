{#- Incremental models. The planner (src/plan/plan-incremental.ts) stages the new rows in
    `<name>__tsdbt_tmp`, checks them, then runs one strategy's DML inside a transaction.
    Aliases follow dbt, so `incremental_predicates` can say `DBT_INTERNAL_DEST.col > ...`.
    `dest_columns` are quoted column names; `unique_key` a list of key expressions. -#}
{% macro create_temp_table_as(relation, sql) -%}
  {{ return(adapter.dispatch('create_temp_table_as')(relation, sql)) }}
{%- endmacro %}

{% macro default__create_temp_table_as(relation, sql) -%}
create table {{ relation }} as (
{{ sql }}
)
{%- endmacro %}

{#- A query with the columns (names and types) of `sql` and no rows: the planner reads it to
    compare the new rows' shape with the target's without building anything. -#}
{% macro get_empty_subquery_sql(sql) -%}
  {{ return(adapter.dispatch('get_empty_subquery_sql')(sql)) }}
{%- endmacro %}

{% macro default__get_empty_subquery_sql(sql) -%}
select * from (
{{ sql }}
) as tsdbt_columns
limit 0
{%- endmacro %}

{#- Rows whose key appears more than once in the staged batch (null keys excluded: they never
    match, so they are always inserted). One example is enough for the error. -#}
{% macro get_duplicate_key_sql(source, unique_key) -%}
  {{ return(adapter.dispatch('get_duplicate_key_sql')(source, unique_key)) }}
{%- endmacro %}

{% macro default__get_duplicate_key_sql(source, unique_key) -%}
select {{ unique_key | join(', ') }}, count(*) as duplicate_rows
from {{ source }}
where {% for key in unique_key %}{{ key }} is not null{% if not loop.last %} and {% endif %}{% endfor %}
group by {{ unique_key | join(', ') }}
having count(*) > 1
limit 1
{%- endmacro %}

{% macro get_incremental_merge_sql(target, source, unique_key, dest_columns, update_columns, predicates) -%}
  {{ return(adapter.dispatch('get_incremental_merge_sql')(target, source, unique_key, dest_columns, update_columns, predicates)) }}
{%- endmacro %}

{% macro default__get_incremental_merge_sql(target, source, unique_key, dest_columns, update_columns, predicates) -%}
{%- set conditions = [] -%}
{%- for key in unique_key -%}
  {%- do conditions.append('DBT_INTERNAL_SOURCE.' ~ key ~ ' = DBT_INTERNAL_DEST.' ~ key) -%}
{%- endfor -%}
{%- for predicate in predicates -%}
  {%- do conditions.append(predicate) -%}
{%- endfor -%}
merge into {{ target }} as DBT_INTERNAL_DEST
using {{ source }} as DBT_INTERNAL_SOURCE
on ({% if unique_key %}{{ conditions | join(' and ') }}{% else %}FALSE{% endif %})
{%- if unique_key and update_columns %}
when matched then update set
    {% for column in update_columns %}{{ column }} = DBT_INTERNAL_SOURCE.{{ column }}{% if not loop.last %},
    {% endif %}{% endfor %}
{%- endif %}
when not matched then insert
    ({{ dest_columns | join(', ') }})
values
    ({% for column in dest_columns %}DBT_INTERNAL_SOURCE.{{ column }}{% if not loop.last %}, {% endif %}{% endfor %})
{%- endmacro %}

{#- delete+insert, first half: remove the target rows the batch replaces. One key: `in`;
    several: `using`, as dbt does. Null keys match nothing. -#}
{% macro get_incremental_delete_sql(target, source, unique_key, predicates) -%}
  {{ return(adapter.dispatch('get_incremental_delete_sql')(target, source, unique_key, predicates)) }}
{%- endmacro %}

{% macro default__get_incremental_delete_sql(target, source, unique_key, predicates) -%}
{%- if unique_key | length == 1 -%}
delete from {{ target }} as DBT_INTERNAL_DEST
where ({{ unique_key[0] }}) in (select ({{ unique_key[0] }}) from {{ source }})
{%- else -%}
delete from {{ target }} as DBT_INTERNAL_DEST
using {{ source }} as DBT_INTERNAL_SOURCE
where {% for key in unique_key %}DBT_INTERNAL_SOURCE.{{ key }} = DBT_INTERNAL_DEST.{{ key }}{% if not loop.last %}
    and {% endif %}{% endfor %}
{%- endif %}
{%- for predicate in predicates %}
    and {{ predicate }}
{%- endfor %}
{%- endmacro %}

{#- append, and the second half of delete+insert and microbatch: insert the staged rows. -#}
{% macro get_incremental_insert_sql(target, source_sql, dest_columns) -%}
  {{ return(adapter.dispatch('get_incremental_insert_sql')(target, source_sql, dest_columns)) }}
{%- endmacro %}

{% macro default__get_incremental_insert_sql(target, source_sql, dest_columns) -%}
insert into {{ target }} ({{ dest_columns | join(', ') }})
select {{ dest_columns | join(', ') }}
from {{ source_sql }} as DBT_INTERNAL_SOURCE
{%- endmacro %}

{#- microbatch: the batch window as a half-open interval on the event time column. -#}
{% macro get_batch_window_condition(event_time, start, end) -%}
  {{ return(adapter.dispatch('get_batch_window_condition')(event_time, start, end)) }}
{%- endmacro %}

{% macro default__get_batch_window_condition(event_time, start, end) -%}
{{ event_time }} >= cast('{{ start }}' as timestamp) and {{ event_time }} < cast('{{ end }}' as timestamp)
{%- endmacro %}

{#- A ref to a model with `event_time`, seen from inside one batch. No alias, so the model's own
    `from {{ ref('x') }} as x` keeps working. -#}
{% macro get_batch_filtered_relation(relation, event_time, start, end) -%}
  {{ return(adapter.dispatch('get_batch_filtered_relation')(relation, event_time, start, end)) }}
{%- endmacro %}

{% macro default__get_batch_filtered_relation(relation, event_time, start, end) -%}
(select * from {{ relation }} where {{ get_batch_window_condition(event_time, start, end) }})
{%- endmacro %}

{% macro get_microbatch_delete_sql(target, event_time, start, end) -%}
  {{ return(adapter.dispatch('get_microbatch_delete_sql')(target, event_time, start, end)) }}
{%- endmacro %}

{% macro default__get_microbatch_delete_sql(target, event_time, start, end) -%}
delete from {{ target }}
where {{ get_batch_window_condition(event_time, start, end) }}
{%- endmacro %}

{#- on_schema_change: one statement per change, so a failure names the column. -#}
{% macro alter_relation_add_column(relation, column, data_type) -%}
  {{ return(adapter.dispatch('alter_relation_add_column')(relation, column, data_type)) }}
{%- endmacro %}

{% macro default__alter_relation_add_column(relation, column, data_type) -%}
alter table {{ relation }} add column {{ adapter.quote(column) }} {{ data_type }}
{%- endmacro %}

{% macro alter_relation_drop_column(relation, column) -%}
  {{ return(adapter.dispatch('alter_relation_drop_column')(relation, column)) }}
{%- endmacro %}

{% macro default__alter_relation_drop_column(relation, column) -%}
alter table {{ relation }} drop column {{ adapter.quote(column) }}
{%- endmacro %}

{% macro alter_column_type(relation, column, data_type) -%}
  {{ return(adapter.dispatch('alter_column_type')(relation, column, data_type)) }}
{%- endmacro %}

{% macro default__alter_column_type(relation, column, data_type) -%}
alter table {{ relation }} alter column {{ adapter.quote(column) }} type {{ data_type }}
{%- endmacro %}
