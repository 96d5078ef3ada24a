{#- Snapshots: type-2 history of a query (dbt's snapshot materialization).

    The planner (src/plan/plan-snapshot.ts) passes `s`, the resolved settings:
      s.unique_key            key expressions, compared as dbt_unique_key_1..n
      s.strategy              'timestamp' | 'check'
      s.updated_at            timestamp strategy: the source column; s.updated_at_type its type
      s.check_cols            check strategy: [{name, existing}] (existing: already in the snapshot)
      s.hard_deletes          'ignore' | 'invalidate' | 'new_record'
      s.valid_to_current      SQL for dbt_valid_to of current rows (none: null)
      s.columns               meta column names (snapshot_meta_column_names)
      s.source_columns        [{name, existing, type}] columns of the snapshot query
      s.has_is_deleted        the snapshot table already has the is-deleted column
    Each macro below is dispatched, so an adapter or a project overrides one piece. -#}

{#- The time a run records for check-strategy versions and for deletions. The run's start
    time (UTC, without time zone), so every statement of a run agrees on it. -#}
{% macro snapshot_get_time() -%}
  {{ return(adapter.dispatch('snapshot_get_time')()) }}
{%- endmacro %}

{% macro default__snapshot_get_time() -%}
cast('{{ run_started_at.strftime("%Y-%m-%d %H:%M:%S.%f") }}' as timestamp)
{%- endmacro %}

{#- Meta timestamps are UTC timestamps without time zone: a source column with a time zone is
    converted to UTC first, so history from sources in different zones compares correctly. -#}
{% macro snapshot_utc_timestamp(expression, data_type) -%}
  {{ return(adapter.dispatch('snapshot_utc_timestamp')(expression, data_type)) }}
{%- endmacro %}

{% macro default__snapshot_utc_timestamp(expression, data_type) -%}
cast({{ expression }} as timestamp)
{%- endmacro %}

{#- dbt_scd_id: a hash of the key and the version's timestamp. -#}
{% macro snapshot_scd_id(s, alias, time_expression) -%}
  {{ return(adapter.dispatch('snapshot_scd_id')(s, alias, time_expression)) }}
{%- endmacro %}

{% macro default__snapshot_scd_id(s, alias, time_expression) -%}
md5({% for key in s.unique_key %}coalesce(cast({{ alias }}.dbt_unique_key_{{ loop.index }} as varchar), '') || '|' || {% endfor %}coalesce(cast({{ time_expression }} as varchar), ''))
{%- endmacro %}

{#- What dbt_valid_to holds on current rows: null, or dbt_valid_to_current. -#}
{% macro snapshot_current_valid_to(s) -%}
  {{ return(adapter.dispatch('snapshot_current_valid_to')(s)) }}
{%- endmacro %}

{% macro default__snapshot_current_valid_to(s) -%}
{%- if s.valid_to_current is none -%}
cast(null as timestamp)
{%- elif s.valid_to_current_is_literal -%}
cast('{{ s.valid_to_current }}' as timestamp)
{%- else -%}
cast({{ s.valid_to_current }} as timestamp)
{%- endif -%}
{%- endmacro %}

{#- A row is current when dbt_valid_to is null (or the dbt_valid_to_current value). -#}
{% macro snapshot_is_current(s, column) -%}
({{ column }} is null{% if s.valid_to_current is not none %} or {{ column }} = {{ snapshot_current_valid_to(s) }}{% endif %})
{%- endmacro %}

{% macro snapshot_key_columns(s) -%}
{%- for key in s.unique_key %}
        {{ key }} as dbt_unique_key_{{ loop.index }},
{%- endfor -%}
{%- endmacro %}

{% macro snapshot_key_match(s, left, right) -%}
{%- for key in s.unique_key -%}
{{ left }}.dbt_unique_key_{{ loop.index }} = {{ right }}.dbt_unique_key_{{ loop.index }}{% if not loop.last %} and {% endif %}
{%- endfor -%}
{%- endmacro %}

{#- When a new version starts: the source's updated_at (timestamp strategy) or the run's time. -#}
{% macro snapshot_version_time(s) -%}
{%- if s.strategy == 'timestamp' -%}
{{ snapshot_utc_timestamp(s.updated_at, s.updated_at_type) }}
{%- else -%}
{{ snapshot_get_time() }}
{%- endif -%}
{%- endmacro %}

{#- Has the source row changed since the current version? Timestamp: updated_at moved forward
    (a value going backwards is ignored). Check: a checked column differs, nulls compared as
    values; a column the snapshot does not have yet counts as changed only where it has a value. -#}
{% macro snapshot_row_changed(s) -%}
{%- if s.strategy == 'timestamp' -%}
(snapshotted_data.{{ s.columns.dbt_valid_from }} < source_data.dbt_version_time)
{%- elif s.check_cols | length == 0 -%}
(1 = 0)
{%- else -%}
({% for column in s.check_cols %}{% if column.existing %}snapshotted_data.{{ adapter.quote(column.name) }} is distinct from source_data.{{ adapter.quote(column.name) }}{% else %}source_data.{{ adapter.quote(column.name) }} is not null{% endif %}{% if not loop.last %} or {% endif %}{% endfor %})
{%- endif -%}
{%- if s.hard_deletes == 'new_record' and s.has_is_deleted %} or snapshotted_data.{{ s.columns.dbt_is_deleted }} = 'True'{% endif -%}
{%- endmacro %}

{#- The snapshot's columns copied from `alias` (deletions copy the last version; columns the
    snapshot does not have yet are null there). -#}
{% macro snapshot_source_column_list(s, alias, from_snapshot) -%}
{%- for column in s.source_columns %}
        {% if from_snapshot and not column.existing %}null{% else %}{{ alias }}.{{ adapter.quote(column.name) }}{% endif %} as {{ adapter.quote(column.name) }},
{%- endfor -%}
{%- endmacro %}

{#- The query the snapshot table is first built from. -#}
{% macro snapshot_build_sql(s, source_sql) -%}
  {{ return(adapter.dispatch('snapshot_build_sql')(s, source_sql)) }}
{%- endmacro %}

{% macro default__snapshot_build_sql(s, source_sql) -%}
with snapshot_query as (
{{ source_sql }}
),
source_data as (
    select
        snapshot_query.*,{{ snapshot_key_columns(s) }}
        {{ snapshot_version_time(s) }} as dbt_version_time
    from snapshot_query
)
select{{ snapshot_source_column_list(s, 'source_data', false) }}
        source_data.dbt_version_time as {{ s.columns.dbt_updated_at }},
        source_data.dbt_version_time as {{ s.columns.dbt_valid_from }},
        {{ snapshot_current_valid_to(s) }} as {{ s.columns.dbt_valid_to }},
        {{ snapshot_scd_id(s, 'source_data', 'source_data.dbt_version_time') }} as {{ s.columns.dbt_scd_id }}
        {%- if s.hard_deletes == 'new_record' %},
        'False' as {{ s.columns.dbt_is_deleted }}
        {%- endif %}
from source_data
{%- endmacro %}

{#- The changes of one run, one row each: `insert` (a new version, or a deletion record),
    `update` (close the current version of a changed record), `delete` (close the current
    version of a record missing from the source). -#}
{% macro snapshot_staging_sql(s, source_sql, target) -%}
  {{ return(adapter.dispatch('snapshot_staging_sql')(s, source_sql, target)) }}
{%- endmacro %}

{% macro default__snapshot_staging_sql(s, source_sql, target) -%}
{%- set c = s.columns -%}
{%- set new_record = s.hard_deletes == 'new_record' -%}
{%- set now = snapshot_get_time() -%}
with snapshot_query as (
{{ source_sql }}
),
source_data as (
    select
        snapshot_query.*,{{ snapshot_key_columns(s) }}
        {{ snapshot_version_time(s) }} as dbt_version_time
    from snapshot_query
),
snapshotted_data as (
    select
        dbt_snapshot_target.*,{{ snapshot_key_columns(s) }}
        1 as dbt_snapshot_marker
    from {{ target }} as dbt_snapshot_target
    where {{ snapshot_is_current(s, 'dbt_snapshot_target.' ~ c.dbt_valid_to) }}
),
insertions as (
    select
        'insert' as dbt_change_type,{{ snapshot_source_column_list(s, 'source_data', false) }}
        source_data.dbt_version_time as {{ c.dbt_updated_at }},
        source_data.dbt_version_time as {{ c.dbt_valid_from }},
        {{ snapshot_current_valid_to(s) }} as {{ c.dbt_valid_to }},
        {{ snapshot_scd_id(s, 'source_data', 'source_data.dbt_version_time') }} as {{ c.dbt_scd_id }}
        {%- if new_record %},
        'False' as {{ c.dbt_is_deleted }}
        {%- endif %}
    from source_data
    left join snapshotted_data
        on {{ snapshot_key_match(s, 'source_data', 'snapshotted_data') }}
    where snapshotted_data.dbt_snapshot_marker is null
        or {{ snapshot_row_changed(s) }}
),
updates as (
    select
        'update' as dbt_change_type,{{ snapshot_source_column_list(s, 'source_data', false) }}
        source_data.dbt_version_time as {{ c.dbt_updated_at }},
        source_data.dbt_version_time as {{ c.dbt_valid_from }},
        source_data.dbt_version_time as {{ c.dbt_valid_to }},
        snapshotted_data.{{ c.dbt_scd_id }} as {{ c.dbt_scd_id }}
        {%- if new_record %},
        'False' as {{ c.dbt_is_deleted }}
        {%- endif %}
    from source_data
    join snapshotted_data
        on {{ snapshot_key_match(s, 'source_data', 'snapshotted_data') }}
    where {{ snapshot_row_changed(s) }}
)
{%- if s.hard_deletes != 'ignore' %},
deletes as (
    select
        'delete' as dbt_change_type,{{ snapshot_source_column_list(s, 'snapshotted_data', true) }}
        {{ now }} as {{ c.dbt_updated_at }},
        {{ now }} as {{ c.dbt_valid_from }},
        {{ now }} as {{ c.dbt_valid_to }},
        snapshotted_data.{{ c.dbt_scd_id }} as {{ c.dbt_scd_id }}
        {%- if new_record %},
        'True' as {{ c.dbt_is_deleted }}
        {%- endif %}
    from snapshotted_data
    where not exists (select 1 from source_data as present where {{ snapshot_key_match(s, 'present', 'snapshotted_data') }})
        {%- if new_record and s.has_is_deleted %}
        and coalesce(snapshotted_data.{{ c.dbt_is_deleted }}, 'False') <> 'True'
        {%- endif %}
)
{%- endif %}
{%- if new_record %},
deletion_records as (
    select
        'insert' as dbt_change_type,{{ snapshot_source_column_list(s, 'snapshotted_data', true) }}
        {{ now }} as {{ c.dbt_updated_at }},
        {{ now }} as {{ c.dbt_valid_from }},
        {{ snapshot_current_valid_to(s) }} as {{ c.dbt_valid_to }},
        {{ snapshot_scd_id(s, 'snapshotted_data', now) }} as {{ c.dbt_scd_id }},
        'True' as {{ c.dbt_is_deleted }}
    from snapshotted_data
    where not exists (select 1 from source_data as present where {{ snapshot_key_match(s, 'present', 'snapshotted_data') }})
        {%- if s.has_is_deleted %}
        and coalesce(snapshotted_data.{{ c.dbt_is_deleted }}, 'False') <> 'True'
        {%- endif %}
)
{%- endif %}
select * from insertions
union all
select * from updates
{%- if s.hard_deletes != 'ignore' %}
union all
select * from deletes
{%- endif %}
{%- if new_record %}
union all
select * from deletion_records
{%- endif %}
{%- endmacro %}

{#- Apply the staged changes: close versions by dbt_scd_id, insert the new ones. -#}
{% macro snapshot_merge_sql(s, target, staging) -%}
  {{ return(adapter.dispatch('snapshot_merge_sql')(s, target, staging)) }}
{%- endmacro %}

{% macro snapshot_insert_columns(s, prefix) -%}
{%- for column in s.source_columns %}{{ prefix }}{{ adapter.quote(column.name) }}, {% endfor -%}
{{ prefix }}{{ s.columns.dbt_updated_at }}, {{ prefix }}{{ s.columns.dbt_valid_from }}, {{ prefix }}{{ s.columns.dbt_valid_to }}, {{ prefix }}{{ s.columns.dbt_scd_id }}
{%- if s.hard_deletes == 'new_record' %}, {{ prefix }}{{ s.columns.dbt_is_deleted }}{% endif -%}
{%- endmacro %}

{% macro default__snapshot_merge_sql(s, target, staging) -%}
merge into {{ target }} as dbt_internal_dest
using {{ staging }} as dbt_internal_source
on dbt_internal_source.{{ s.columns.dbt_scd_id }} = dbt_internal_dest.{{ s.columns.dbt_scd_id }}
when matched
    and {{ snapshot_is_current(s, 'dbt_internal_dest.' ~ s.columns.dbt_valid_to) }}
    and dbt_internal_source.dbt_change_type in ('update', 'delete')
    then update set {{ s.columns.dbt_valid_to }} = dbt_internal_source.{{ s.columns.dbt_valid_to }}
when not matched
    and dbt_internal_source.dbt_change_type = 'insert'
    then insert ({{ snapshot_insert_columns(s, '') }})
    values ({{ snapshot_insert_columns(s, 'dbt_internal_source.') }})
{%- endmacro %}

{#- One example of a key that occurs more than once in the snapshot query (none: no rows). -#}
{% macro snapshot_duplicate_keys_sql(s, source_sql) -%}
  {{ return(adapter.dispatch('snapshot_duplicate_keys_sql')(s, source_sql)) }}
{%- endmacro %}

{% macro default__snapshot_duplicate_keys_sql(s, source_sql) -%}
select{{ snapshot_key_columns(s) }}
    count(*) as dbt_row_count
from (
{{ source_sql }}
) as snapshot_query
group by {% for key in s.unique_key %}{{ key }}{% if not loop.last %}, {% endif %}{% endfor %}
having count(*) > 1
limit 1
{%- endmacro %}

{#- The columns (names and types) of a query, without reading its rows. -#}
{% macro get_query_columns_sql(sql) -%}
  {{ return(adapter.dispatch('get_query_columns_sql')(sql)) }}
{%- endmacro %}

{% macro default__get_query_columns_sql(sql) -%}
select * from (
{{ sql }}
) as dbt_columns_query
limit 0
{%- endmacro %}

{% macro get_relation_columns_sql(relation) -%}
  {{ return(adapter.dispatch('get_relation_columns_sql')(relation)) }}
{%- endmacro %}

{% macro default__get_relation_columns_sql(relation) -%}
select * from {{ relation }} limit 0
{%- endmacro %}

{% macro snapshot_add_column(relation, name, data_type) -%}
  {{ return(adapter.dispatch('snapshot_add_column')(relation, name, data_type)) }}
{%- endmacro %}

{% macro default__snapshot_add_column(relation, name, data_type) -%}
alter table {{ relation }} add column {{ adapter.quote(name) }} {{ data_type }}
{%- endmacro %}

{#- The snapshot table itself. History cannot be rebuilt from the source, so adapters keep
    their durable table kind here (Snowflake: not transient). -#}
{% macro create_snapshot_table(relation, sql) -%}
  {{ return(adapter.dispatch('create_snapshot_table')(relation, sql)) }}
{%- endmacro %}

{% macro default__create_snapshot_table(relation, sql) -%}
{{ create_table_as(relation, sql, none) }}
{%- endmacro %}

{#- The staging table of a run's changes; dropped after the merge. -#}
{% macro create_snapshot_staging_table(relation, sql) -%}
  {{ return(adapter.dispatch('create_snapshot_staging_table')(relation, sql)) }}
{%- endmacro %}

{% macro default__create_snapshot_staging_table(relation, sql) -%}
create or replace temporary table {{ relation }} as (
{{ sql }}
)
{%- endmacro %}
