{{ config(materialized='table') }}
{#- Raw clickstream rows, typed, with the reason each is rejected (NULL = clean) and, for the
    rejected ones only, the raw record as JSON for quarantine_records. A row that lost a field
    is shifted left by the CSV reader, so its device holds a referrer: that is how a malformed
    row shows itself.
    Only what downstream reads is stored, typed: event type and device as categories (the
    rules have already checked them), the timestamp parsed. The raw text of a clean row is not
    kept: writing wide string columns of every event is what made this model slow at volume.
    Versions are ranked only where an event_id occurs more than once (a small share of the
    feed): those rows, and the NULL ids (ranked as one group, as a window would), get the
    row_number(); every other row is version 1. -#}
{% set raw_columns = ['event_id', 'session_id', 'user_id', 'anonymous_id', 'event_ts', 'event_type', 'page_url', 'product_id', 'device', 'referrer', 'country', 'order_id', '_loaded_at', '_source_file'] %}
{#- The raw record a rejected row is kept as (its load time is a column of quarantine_records). -#}
{% set payload_columns = ['event_id', 'session_id', 'user_id', 'anonymous_id', 'event_ts', 'event_type', 'page_url', 'product_id', 'device', 'referrer', 'country', 'order_id', '_source_file'] %}
{% set event_types = ['page_view', 'product_view', 'add_to_cart', 'checkout', 'purchase'] %}
{% set devices = ['desktop', 'mobile', 'tablet'] %}
with duplicated_ids as (
  {{ repeated_keys(source('raw', 'events'), 'event_id') }}
),

-- The feed is read by each branch rather than through a shared CTE, so the engine streams it
-- instead of materialising a copy of the wide rows.
versioned as (
  select
    {% for column in raw_columns %}source.{{ column }},{% endfor %}
    row_number() over (partition by source.event_id order by source._loaded_at desc, source._source_file desc) as version_number
  from {{ source('raw', 'events') }} as source
  left join duplicated_ids on duplicated_ids.event_id = source.event_id
  where source.event_id is null or duplicated_ids.event_id is not null
  union all
  select
    {% for column in raw_columns %}source.{{ column }},{% endfor %}
    1 as version_number
  from {{ source('raw', 'events') }} as source
  left join duplicated_ids on duplicated_ids.event_id = source.event_id
  where source.event_id is not null and duplicated_ids.event_id is null
),

typed as (
  select
    {% for column in raw_columns %}{{ column }},{% endfor %}
    {{ parse_timestamp('event_ts') }} as event_at,
    version_number
  from versioned
),

judged as (
  select
    *,
    case
      when event_id is null then 'null_event_id'
      when device is null or device not in ('{{ devices | join("', '") }}') then 'malformed_row'
      when anonymous_id is null then 'null_key'
      when event_at is null then 'unparseable_timestamp'
      when event_at > _loaded_at then 'future_timestamp'
      when event_type not in ('{{ event_types | join("', '") }}') then 'unknown_event_type'
      when version_number > 1 then 'superseded_duplicate'
    end as rejection_reason
  from typed
)

select
  event_id,
  session_id,
  user_id,
  anonymous_id,
  event_at,
  {{ categorical('event_type', event_types) }} as event_type,
  page_url,
  product_id,
  {{ categorical('device', devices) }} as device,
  referrer,
  country,
  order_id,
  _loaded_at,
  rejection_reason,
  {{ rejected_record(payload_columns) }} as rejected_record
from judged
