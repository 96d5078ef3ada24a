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

-- merge
merge into "WAREHOUSE"."ANALYTICS"."ORDERS" as DBT_INTERNAL_DEST
using "WAREHOUSE"."ANALYTICS"."ORDERS__TSDBT_TMP" as DBT_INTERNAL_SOURCE
on (DBT_INTERNAL_SOURCE.order_id = DBT_INTERNAL_DEST.order_id and DBT_INTERNAL_SOURCE.order_date = DBT_INTERNAL_DEST.order_date and DBT_INTERNAL_DEST.order_date >= dateadd(day, -7, current_date))
when matched then update set
    "ORDER_ID" = DBT_INTERNAL_SOURCE."ORDER_ID",
    "ORDER_DATE" = DBT_INTERNAL_SOURCE."ORDER_DATE",
    "AMOUNT" = DBT_INTERNAL_SOURCE."AMOUNT"
when not matched then insert
    ("ORDER_ID", "ORDER_DATE", "STATUS", "AMOUNT")
values
    (DBT_INTERNAL_SOURCE."ORDER_ID", DBT_INTERNAL_SOURCE."ORDER_DATE", DBT_INTERNAL_SOURCE."STATUS", DBT_INTERNAL_SOURCE."AMOUNT");

-- commit
commit;

-- drop temp
drop table if exists "WAREHOUSE"."ANALYTICS"."ORDERS__TSDBT_TMP";
