-- drop stale temp
drop table if exists "WAREHOUSE"."ANALYTICS"."ORDERS__TSDBT_TMP";

-- stage new rows
create or replace temporary table "WAREHOUSE"."ANALYTICS"."ORDERS__TSDBT_TMP" as (

select order_id, order_date, status, amount from raw.orders
);

-- unique key check
select order_id, order_date, count(*) as duplicate_rows
from "WAREHOUSE"."ANALYTICS"."ORDERS__TSDBT_TMP"
where order_id is not null and order_date is not null
group by order_id, order_date
having count(*) > 1
limit 1;

-- begin
begin;

-- delete
delete from "WAREHOUSE"."ANALYTICS"."ORDERS" as DBT_INTERNAL_DEST
using "WAREHOUSE"."ANALYTICS"."ORDERS__TSDBT_TMP" as DBT_INTERNAL_SOURCE
where DBT_INTERNAL_SOURCE.order_id = DBT_INTERNAL_DEST.order_id
    and DBT_INTERNAL_SOURCE.order_date = DBT_INTERNAL_DEST.order_date;

-- insert
insert into "WAREHOUSE"."ANALYTICS"."ORDERS" ("ORDER_ID", "ORDER_DATE", "STATUS", "AMOUNT")
select "ORDER_ID", "ORDER_DATE", "STATUS", "AMOUNT"
from "WAREHOUSE"."ANALYTICS"."ORDERS__TSDBT_TMP" as DBT_INTERNAL_SOURCE;

-- commit
commit;

-- drop temp
drop table if exists "WAREHOUSE"."ANALYTICS"."ORDERS__TSDBT_TMP";
