-- The session funnel, day by day.
select
  funnel_date,
  sessions,
  product_view_sessions,
  add_to_cart_sessions,
  checkout_sessions,
  purchase_sessions,
  round(view_to_cart_rate, 4) as view_to_cart_rate,
  round(cart_to_purchase_rate, 4) as cart_to_purchase_rate
from {{ ref('fct_funnel') }}
order by funnel_date
