-- stage changes
create or replace temporary table "WAREHOUSE"."SNAPSHOTS"."CUSTOMERS_SNAPSHOT__TSDBT_SNAPSHOT_STAGING" as (
with snapshot_query as (


select * from "WAREHOUSE"."RAW"."CUSTOMERS"

),
source_data as (
    select
        snapshot_query.*,
        id as dbt_unique_key_1,
        cast(convert_timezone('UTC', updated_at) as timestamp_ntz) as dbt_version_time
    from snapshot_query
),
snapshotted_data as (
    select
        dbt_snapshot_target.*,
        id as dbt_unique_key_1,
        1 as dbt_snapshot_marker
    from "WAREHOUSE"."SNAPSHOTS"."CUSTOMERS_SNAPSHOT" as dbt_snapshot_target
    where (dbt_snapshot_target.dbt_valid_to is null)
),
insertions as (
    select
        'insert' as dbt_change_type,
        source_data."ID" as "ID",
        source_data."SEGMENT" as "SEGMENT",
        source_data."EMAIL" as "EMAIL",
        source_data."UPDATED_AT" as "UPDATED_AT",
        source_data.dbt_version_time as dbt_updated_at,
        source_data.dbt_version_time as dbt_valid_from,
        cast(null as timestamp_ntz) as dbt_valid_to,
        md5(coalesce(cast(source_data.dbt_unique_key_1 as varchar), '') || '|' || coalesce(cast(source_data.dbt_version_time as varchar), '')) as dbt_scd_id,
        'False' as dbt_is_deleted
    from source_data
    left join snapshotted_data
        on source_data.dbt_unique_key_1 = snapshotted_data.dbt_unique_key_1
    where snapshotted_data.dbt_snapshot_marker is null
        or (snapshotted_data.dbt_valid_from < source_data.dbt_version_time) or snapshotted_data.dbt_is_deleted = 'True'
),
updates as (
    select
        'update' as dbt_change_type,
        source_data."ID" as "ID",
        source_data."SEGMENT" as "SEGMENT",
        source_data."EMAIL" as "EMAIL",
        source_data."UPDATED_AT" as "UPDATED_AT",
        source_data.dbt_version_time as dbt_updated_at,
        source_data.dbt_version_time as dbt_valid_from,
        source_data.dbt_version_time as dbt_valid_to,
        snapshotted_data.dbt_scd_id as dbt_scd_id,
        'False' as dbt_is_deleted
    from source_data
    join snapshotted_data
        on source_data.dbt_unique_key_1 = snapshotted_data.dbt_unique_key_1
    where (snapshotted_data.dbt_valid_from < source_data.dbt_version_time) or snapshotted_data.dbt_is_deleted = 'True'
),
deletes as (
    select
        'delete' as dbt_change_type,
        snapshotted_data."ID" as "ID",
        snapshotted_data."SEGMENT" as "SEGMENT",
        null as "EMAIL",
        snapshotted_data."UPDATED_AT" as "UPDATED_AT",
        cast('2026-01-01 00:00:00.000000' as timestamp_ntz) as dbt_updated_at,
        cast('2026-01-01 00:00:00.000000' as timestamp_ntz) as dbt_valid_from,
        cast('2026-01-01 00:00:00.000000' as timestamp_ntz) as dbt_valid_to,
        snapshotted_data.dbt_scd_id as dbt_scd_id,
        'True' as dbt_is_deleted
    from snapshotted_data
    where not exists (select 1 from source_data as present where present.dbt_unique_key_1 = snapshotted_data.dbt_unique_key_1)
        and coalesce(snapshotted_data.dbt_is_deleted, 'False') <> 'True'
),
deletion_records as (
    select
        'insert' as dbt_change_type,
        snapshotted_data."ID" as "ID",
        snapshotted_data."SEGMENT" as "SEGMENT",
        null as "EMAIL",
        snapshotted_data."UPDATED_AT" as "UPDATED_AT",
        cast('2026-01-01 00:00:00.000000' as timestamp_ntz) as dbt_updated_at,
        cast('2026-01-01 00:00:00.000000' as timestamp_ntz) as dbt_valid_from,
        cast(null as timestamp_ntz) as dbt_valid_to,
        md5(coalesce(cast(snapshotted_data.dbt_unique_key_1 as varchar), '') || '|' || coalesce(cast(cast('2026-01-01 00:00:00.000000' as timestamp_ntz) as varchar), '')) as dbt_scd_id,
        'True' as dbt_is_deleted
    from snapshotted_data
    where not exists (select 1 from source_data as present where present.dbt_unique_key_1 = snapshotted_data.dbt_unique_key_1)
        and coalesce(snapshotted_data.dbt_is_deleted, 'False') <> 'True'
)
select * from insertions
union all
select * from updates
union all
select * from deletes
union all
select * from deletion_records
);

-- add column EMAIL
alter table "WAREHOUSE"."SNAPSHOTS"."CUSTOMERS_SNAPSHOT" add column "EMAIL" TEXT;

-- begin
begin;

-- merge changes
merge into "WAREHOUSE"."SNAPSHOTS"."CUSTOMERS_SNAPSHOT" as dbt_internal_dest
using "WAREHOUSE"."SNAPSHOTS"."CUSTOMERS_SNAPSHOT__TSDBT_SNAPSHOT_STAGING" as dbt_internal_source
on dbt_internal_source.dbt_scd_id = dbt_internal_dest.dbt_scd_id
when matched
    and (dbt_internal_dest.dbt_valid_to is null)
    and dbt_internal_source.dbt_change_type in ('update', 'delete')
    then update set dbt_valid_to = dbt_internal_source.dbt_valid_to
when not matched
    and dbt_internal_source.dbt_change_type = 'insert'
    then insert ("ID", "SEGMENT", "EMAIL", "UPDATED_AT", dbt_updated_at, dbt_valid_from, dbt_valid_to, dbt_scd_id, dbt_is_deleted)
    values (dbt_internal_source."ID", dbt_internal_source."SEGMENT", dbt_internal_source."EMAIL", dbt_internal_source."UPDATED_AT", dbt_internal_source.dbt_updated_at, dbt_internal_source.dbt_valid_from, dbt_internal_source.dbt_valid_to, dbt_internal_source.dbt_scd_id, dbt_internal_source.dbt_is_deleted);

-- commit
commit;

-- drop staging
drop table if exists "WAREHOUSE"."SNAPSHOTS"."CUSTOMERS_SNAPSHOT__TSDBT_SNAPSHOT_STAGING";
