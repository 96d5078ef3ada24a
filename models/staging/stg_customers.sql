{#- The customer base's current state: the latest profile of each customer (the snapshot
    customers_snapshot keeps the history). -#}
with ranked as (
  select
    *,
    row_number() over (partition by customer_id order by updated_at desc, _loaded_at desc, _source_file desc) as version_number
  from {{ source('raw', 'customers') }}
  where customer_id is not null
)

select
  customer_id,
  first_name,
  last_name,
  lower(email) as email,
  phone,
  address,
  city,
  state,
  upper(country) as country,
  postal_code,
  lower(segment) as segment,
  signup_date,
  updated_at,
  coalesce(is_deleted, false) as is_deleted
from ranked
where version_number = 1
