{{ config(materialized='table') }}
{#- Raw clickstream rows with the reason each is rejected (NULL = clean). A row that lost a
    field is shifted left by the CSV reader, so its device holds a referrer: that is how a
    malformed row shows itself. -#}
with typed as (
  select
    *,
    {{ parse_timestamp('event_ts') }} as event_at,
    row_number() over (partition by event_id order by _loaded_at desc, _source_file desc) as version_number
  from {{ source('raw', 'events') }}
)

select
  *,
  case
    when event_id is null then 'null_event_id'
    when device is null or device not in ('desktop', 'mobile', 'tablet') then 'malformed_row'
    when anonymous_id is null then 'null_key'
    when event_at is null then 'unparseable_timestamp'
    when event_at > _loaded_at then 'future_timestamp'
    when event_type not in ('page_view', 'product_view', 'add_to_cart', 'checkout', 'purchase') then 'unknown_event_type'
    when version_number > 1 then 'superseded_duplicate'
  end as rejection_reason
from typed
