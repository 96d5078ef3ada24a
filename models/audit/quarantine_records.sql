{#- Every raw record the staging layer rejected, with why, so nothing disappears silently.
    The marts never contain these records (tests/assert_quarantined_orders_not_in_marts.sql). -#}
{% set feeds = [
  ['orders', 'base_orders', 'order_id', ['order_id', 'customer_id', 'order_ts_text', 'status', 'channel', 'shipping_country', 'currency', 'order_total', '_source_file']],
  ['order_lines', 'base_order_lines', 'order_line_id', ['order_line_id', 'order_id', 'line_number', 'product_id', 'quantity', 'unit_price', 'discount_amount', '_source_file']],
  ['payments', 'base_payments', 'payment_id', ['payment_id', 'order_id', 'payment_ts', 'method', 'amount', 'status', '_source_file']],
  ['events', 'base_events', 'event_id', ['event_id', 'session_id', 'user_id', 'anonymous_id', 'event_ts', 'event_type', 'page_url', 'product_id', 'device', 'referrer', 'country', 'order_id', '_source_file']],
] %}
{% for table, model, key, columns in feeds %}
select
  '{{ table }}' as source_table,
  cast({{ key }} as varchar) as record_id,
  rejection_reason as reason,
  {{ json_payload(columns) }} as raw_payload,
  _loaded_at as loaded_at
from {{ ref(model) }}
where rejection_reason is not null
{% if not loop.last %}union all{% endif %}
{% endfor %}
