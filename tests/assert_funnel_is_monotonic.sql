-- A funnel narrows: no day has more cart sessions than product-view sessions, etc.
-- Warn only: a visitor can add to cart from a listing without a product view.
{{ config(severity='warn') }}
select *
from {{ ref('fct_funnel') }}
where add_to_cart_sessions > product_view_sessions
   or purchase_sessions > checkout_sessions
