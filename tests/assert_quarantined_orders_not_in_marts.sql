-- A rejected order line, or a line of a rejected order, never reaches fact_orders.
-- (Superseded duplicates are excluded: their order is in the mart, once, as its latest version.)
-- Two equi-joins rather than one join with OR, which engines run as a nested loop.
{{ config(store_failures=true) }}
with quarantine as (
  select source_table, record_id, reason
  from {{ ref('quarantine_records') }}
  where source_table in ('orders', 'order_lines') and reason <> 'superseded_duplicate'
)

select quarantine.source_table, quarantine.record_id, quarantine.reason
from quarantine
join {{ ref('fact_orders') }} as facts on quarantine.record_id = cast(facts.order_line_id as varchar)
where quarantine.source_table = 'order_lines'

union all

select quarantine.source_table, quarantine.record_id, quarantine.reason
from quarantine
join {{ ref('fact_orders') }} as facts on quarantine.record_id = cast(facts.order_id as varchar)
where quarantine.source_table = 'orders'
