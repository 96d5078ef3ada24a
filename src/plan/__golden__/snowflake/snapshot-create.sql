-- create snapshot table
create or replace table "WAREHOUSE"."SNAPSHOTS"."CUSTOMERS_SNAPSHOT" as (
with snapshot_query as (


select * from "WAREHOUSE"."RAW"."CUSTOMERS"

),
source_data as (
    select
        snapshot_query.*,
        id as dbt_unique_key_1,
        cast(convert_timezone('UTC', updated_at) as timestamp_ntz) as dbt_version_time
    from snapshot_query
)
select
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
);
