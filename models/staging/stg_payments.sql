select
  payment_id,
  order_id,
  payment_ts,
  lower(method) as payment_method,
  amount,
  lower(status) as payment_status
from {{ ref('base_payments') }}
where rejection_reason is null
