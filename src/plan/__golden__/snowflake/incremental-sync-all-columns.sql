-- drop stale temp
drop table if exists "WAREHOUSE"."ANALYTICS"."ORDERS__TSDBT_TMP";

-- stage new rows
create or replace temporary table "WAREHOUSE"."ANALYTICS"."ORDERS__TSDBT_TMP" as (

select order_id, order_date, status, amount from raw.orders
);

-- unique key check
select order_id, count(*) as duplicate_rows
from "WAREHOUSE"."ANALYTICS"."ORDERS__TSDBT_TMP"
where order_id is not null
group by order_id
having count(*) > 1
limit 1;

-- add column DISCOUNT
alter table "WAREHOUSE"."ANALYTICS"."ORDERS" add column "DISCOUNT" NUMBER(5,2);

-- drop column LEGACY
alter table "WAREHOUSE"."ANALYTICS"."ORDERS" drop column "LEGACY";

-- change type of AMOUNT
alter table "WAREHOUSE"."ANALYTICS"."ORDERS" alter column "AMOUNT" set data type NUMBER(12,2);

-- begin
begin;

-- merge
merge into "WAREHOUSE"."ANALYTICS"."ORDERS" as DBT_INTERNAL_DEST
using "WAREHOUSE"."ANALYTICS"."ORDERS__TSDBT_TMP" as DBT_INTERNAL_SOURCE
on (DBT_INTERNAL_SOURCE.order_id = DBT_INTERNAL_DEST.order_id)
when matched then update set
    "ORDER_ID" = DBT_INTERNAL_SOURCE."ORDER_ID",
    "ORDER_DATE" = DBT_INTERNAL_SOURCE."ORDER_DATE",
    "STATUS" = DBT_INTERNAL_SOURCE."STATUS",
    "AMOUNT" = DBT_INTERNAL_SOURCE."AMOUNT",
    "DISCOUNT" = DBT_INTERNAL_SOURCE."DISCOUNT"
when not matched then insert
    ("ORDER_ID", "ORDER_DATE", "STATUS", "AMOUNT", "DISCOUNT")
values
    (DBT_INTERNAL_SOURCE."ORDER_ID", DBT_INTERNAL_SOURCE."ORDER_DATE", DBT_INTERNAL_SOURCE."STATUS", DBT_INTERNAL_SOURCE."AMOUNT", DBT_INTERNAL_SOURCE."DISCOUNT");

-- commit
commit;

-- drop temp
drop table if exists "WAREHOUSE"."ANALYTICS"."ORDERS__TSDBT_TMP";
