{#- Clean order lines of clean orders, with the line total computed once, here. -#}
select
  order_line_id,
  order_id,
  line_number,
  product_id,
  quantity,
  unit_price,
  coalesce(discount_amount, 0) as discount_amount,
  quantity * unit_price as gross_amount,
  quantity * unit_price - coalesce(discount_amount, 0) as line_total
from {{ ref('base_order_lines') }}
where rejection_reason is null
