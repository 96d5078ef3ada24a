-- begin
begin;

-- delete batch window
delete from "WAREHOUSE"."ANALYTICS"."ORDERS"
where order_date >= to_timestamp_ntz('2026-01-01 00:00:00') and order_date < to_timestamp_ntz('2026-01-02 00:00:00');

-- insert batch
insert into "WAREHOUSE"."ANALYTICS"."ORDERS" ("ORDER_ID", "ORDER_DATE")
select "ORDER_ID", "ORDER_DATE"
from (

select id as order_id, cast(event_at as date) as order_date from (select * from "WAREHOUSE"."ANALYTICS"."EVENTS" where event_at >= to_timestamp_ntz('2026-01-01 00:00:00') and event_at < to_timestamp_ntz('2026-01-02 00:00:00'))
) as DBT_INTERNAL_SOURCE;

-- commit
commit;

-- begin
begin;

-- delete batch window
delete from "WAREHOUSE"."ANALYTICS"."ORDERS"
where order_date >= to_timestamp_ntz('2026-01-02 00:00:00') and order_date < to_timestamp_ntz('2026-01-03 00:00:00');

-- insert batch
insert into "WAREHOUSE"."ANALYTICS"."ORDERS" ("ORDER_ID", "ORDER_DATE")
select "ORDER_ID", "ORDER_DATE"
from (

select id as order_id, cast(event_at as date) as order_date from (select * from "WAREHOUSE"."ANALYTICS"."EVENTS" where event_at >= to_timestamp_ntz('2026-01-02 00:00:00') and event_at < to_timestamp_ntz('2026-01-03 00:00:00'))
) as DBT_INTERNAL_SOURCE;

-- commit
commit;
