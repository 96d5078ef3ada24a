{{ config(materialized='table') }}
{#- Raw order lines with the reason each is rejected (NULL = clean) and, for those, the raw
    record as JSON (quarantine_records reads it). A line whose order was rejected is rejected
    too (orphan_order_id), so the marts never hold half an order's story. -#}
with source as (
  select
    *,
    row_number() over (partition by order_line_id order by _loaded_at desc, _source_file desc) as version_number
  from {{ source('raw', 'order_lines') }}
),

judged as (
  select
    source.*,
    case
      when source.order_line_id is null or source.order_id is null or source.product_id is null then 'null_key'
      when source.quantity is null or source.quantity <= 0 then 'non_positive_quantity'
      when source.unit_price is null or source.unit_price <= 0 then 'non_positive_amount'
      when coalesce(source.discount_amount, 0) < 0 then 'negative_discount'
      when products.product_id is null then 'orphan_product_id'
      when orders.order_id is null then 'orphan_order_id'
      when source.version_number > 1 then 'superseded_duplicate'
    end as rejection_reason
  from source
  left join {{ ref('stg_products') }} as products on products.product_id = source.product_id
  left join {{ ref('stg_orders') }} as orders on orders.order_id = source.order_id
)

select
  *,
  {{ rejected_record(['order_line_id', 'order_id', 'line_number', 'product_id', 'quantity', 'unit_price', 'discount_amount', '_source_file']) }} as rejected_record
from judged
