{{ config(materialized='table') }}
{#- Raw payments with the reason each is rejected (NULL = clean) and, for those, the raw record as JSON. -#}
with source as (
  select
    *,
    row_number() over (partition by payment_id order by _loaded_at desc, _source_file desc) as version_number
  from {{ source('raw', 'payments') }}
),

judged as (
  select
    source.*,
    case
      when source.payment_id is null or source.order_id is null then 'null_key'
      when source.amount is null or source.amount <= 0 then 'non_positive_amount'
      when source.payment_ts is null then 'unparseable_timestamp'
      when source.payment_ts > source._loaded_at then 'future_timestamp'
      when orders.order_id is null then 'orphan_order_id'
      when source.version_number > 1 then 'superseded_duplicate'
    end as rejection_reason
  from source
  left join {{ ref('stg_orders') }} as orders on orders.order_id = source.order_id
)

select
  *,
  {{ rejected_record(['payment_id', 'order_id', 'payment_ts', 'method', 'amount', 'status', '_source_file']) }} as rejected_record
from judged
