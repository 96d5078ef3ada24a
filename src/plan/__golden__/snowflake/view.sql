-- create view
create or replace view "WAREHOUSE"."ANALYTICS"."ORDERS" as (
select order_id, order_date, status, amount from raw.orders
);
