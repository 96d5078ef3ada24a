-- drop stale temp
drop table if exists "WAREHOUSE"."ANALYTICS"."ORDERS__TSDBT_TMP";

-- stage new rows
create or replace temporary table "WAREHOUSE"."ANALYTICS"."ORDERS__TSDBT_TMP" as (

select order_id, order_date, status, amount from raw.orders
);

-- begin
begin;

-- insert
insert into "WAREHOUSE"."ANALYTICS"."ORDERS" ("ORDER_ID", "ORDER_DATE", "STATUS", "AMOUNT")
select "ORDER_ID", "ORDER_DATE", "STATUS", "AMOUNT"
from "WAREHOUSE"."ANALYTICS"."ORDERS__TSDBT_TMP" as DBT_INTERNAL_SOURCE;

-- commit
commit;

-- drop temp
drop table if exists "WAREHOUSE"."ANALYTICS"."ORDERS__TSDBT_TMP";
