-- create table
create or replace transient table "WAREHOUSE"."ANALYTICS"."ORDERS" as (
select * from (

select order_id, order_date, status, amount from raw.orders
)
order by (order_date, status)
);

-- cluster
alter table "WAREHOUSE"."ANALYTICS"."ORDERS" cluster by (order_date, status);
