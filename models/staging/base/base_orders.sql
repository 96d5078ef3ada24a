{{ config(materialized='table') }}
{#- Every raw order version with its typed columns and the reason it is rejected (NULL = clean).
    stg_orders keeps the clean rows, quarantine_records the others (their raw record as JSON,
    built here for rejected rows only): one rule set, two outputs.
    A table, not ephemeral: the parsing and ranking run once, not once per reader and test. -#}
with source as (
  select * from {{ source('raw', 'orders') }}
),

typed as (
  select
    order_id,
    customer_id,
    order_ts as order_ts_text,
    {{ parse_timestamp('order_ts') }} as order_ts,
    lower(trim(status)) as status,
    lower(trim(channel)) as channel,
    upper(trim(shipping_country)) as shipping_country,
    upper(trim(currency)) as currency,
    order_total,
    _loaded_at,
    _source_file,
    -- The latest version wins: the newest load, then the newest file, then the status that is
    -- furthest along the lifecycle (a re-sent order only moves forward).
    row_number() over (
      partition by order_id
      order by _loaded_at desc, _source_file desc, {{ order_status_rank('lower(trim(status))') }} desc
    ) as version_number
  from source
),

judged as (
  select
    *,
    case
      when order_id is null then 'null_order_id'
      when customer_id is null then 'null_customer_id'
      when order_ts is null then 'unparseable_timestamp'
      when order_ts > _loaded_at then 'future_timestamp'
      when order_total is null or order_total <= 0 then 'non_positive_amount'
      when version_number > 1 then 'superseded_duplicate'
    end as rejection_reason
  from typed
)

select
  *,
  {{ rejected_record(['order_id', 'customer_id', 'order_ts_text', 'status', 'channel', 'shipping_country', 'currency', 'order_total', '_source_file']) }} as rejected_record
from judged
