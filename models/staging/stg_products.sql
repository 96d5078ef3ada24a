{#- The catalog's current state: the latest version of each product. -#}
with ranked as (
  select
    *,
    row_number() over (partition by product_id order by updated_at desc, _loaded_at desc, _source_file desc) as version_number
  from {{ source('raw', 'products') }}
  where product_id is not null
)

select
  product_id,
  sku,
  name as product_name,
  category,
  subcategory,
  brand,
  unit_price,
  cost,
  is_active,
  created_at,
  updated_at
from ranked
where version_number = 1
