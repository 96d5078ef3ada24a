{#- The customer dimension, SCD type 2 from customers_snapshot: one row per profile version.
    customer_key is the durable key facts join on (one customer, every version);
    customer_version_key identifies a version; is_current marks the latest. -#}
select
  dbt_scd_id as customer_version_key,
  {{ surrogate_key(['customer_id']) }} as customer_key,
  customer_id,
  first_name,
  last_name,
  email,
  city,
  state,
  country,
  segment,
  signup_date,
  is_deleted,
  dbt_valid_from as valid_from,
  dbt_valid_to as valid_to,
  dbt_valid_to is null as is_current
from {{ ref('customers_snapshot') }}
