{% snapshot customers_snapshot %}
{#- SCD2 history of customer profiles: a new version whenever updated_at moves. -#}
{{ config(unique_key='customer_id', strategy='timestamp', updated_at='updated_at') }}
select * from {{ ref('stg_customers') }}
{% endsnapshot %}
