-- A rejected order line, or a line of a rejected order, never reaches fact_orders.
-- (Superseded duplicates are excluded: their order is in the mart, once, as its latest version.)
{{ config(store_failures=true) }}
select quarantine.source_table, quarantine.record_id, quarantine.reason
from {{ ref('quarantine_records') }} as quarantine
join {{ ref('fact_orders') }} as facts
  on (quarantine.source_table = 'order_lines' and quarantine.record_id = cast(facts.order_line_id as varchar))
  or (quarantine.source_table = 'orders' and quarantine.reason <> 'superseded_duplicate'
      and quarantine.record_id = cast(facts.order_id as varchar))
