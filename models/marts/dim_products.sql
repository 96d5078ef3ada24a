{#- The product dimension (current state; price history lives in the raw feed). -#}
select
  {{ surrogate_key(['product_id']) }} as product_key,
  product_id,
  sku,
  product_name,
  category,
  subcategory,
  brand,
  unit_price,
  cost,
  unit_price - cost as unit_margin,
  is_active,
  created_at,
  updated_at
from {{ ref('stg_products') }}
