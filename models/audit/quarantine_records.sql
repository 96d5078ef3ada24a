{#- Every raw record the staging layer rejected, with why, so nothing disappears silently.
    Each base model judges its feed once and keeps the rejected record's raw values as JSON.
    The marts never contain these records (tests/assert_quarantined_orders_not_in_marts.sql). -#}
{% set feeds = [
  ['orders', 'base_orders', 'order_id'],
  ['order_lines', 'base_order_lines', 'order_line_id'],
  ['payments', 'base_payments', 'payment_id'],
  ['events', 'base_events', 'event_id'],
] %}
{% for table, model, key in feeds %}
select
  '{{ table }}' as source_table,
  cast({{ key }} as varchar) as record_id,
  rejection_reason as reason,
  rejected_record as raw_payload,
  _loaded_at as loaded_at
from {{ ref(model) }}
where rejection_reason is not null
{% if not loop.last %}union all{% endif %}
{% endfor %}
