{#- The run log in <schema>_audit.pipeline_runs: on-run-start creates the table and inserts a
    row for this invocation; on-run-end fills in the row counts per layer, the quarantined
    records and the duration. Hooks are plain SQL (templates cannot query the database), so
    the counts are scalar subqueries evaluated when the run ends. Hooks here cannot call
    ref()/source(), so layer_relation() spells the names the way generate_schema_name does. -#}

{% macro layer_relation(layer, name) -%}
  {{ target.schema }}_{{ layer }}.{{ name }}
{%- endmacro %}

{% macro pipeline_runs_relation() -%}
  {{ target.schema }}_audit.pipeline_runs
{%- endmacro %}

{% macro pipeline_runs_create() -%}
  {%- if execute -%}
  create table if not exists {{ pipeline_runs_relation() }} (
    invocation_id varchar,
    target_name varchar,
    started_at timestamp,
    finished_at timestamp,
    duration_seconds double,
    raw_orders bigint,
    stg_orders bigint,
    fact_orders_rows bigint,
    fact_events_rows bigint,
    daily_metrics_rows bigint,
    quarantined_records bigint
  )
  {%- endif -%}
{%- endmacro %}

{% macro pipeline_runs_start() -%}
  {%- if execute -%}
  insert into {{ pipeline_runs_relation() }} (invocation_id, target_name, started_at)
  values ('{{ invocation_id }}', '{{ target.name }}', {{ current_ts() }})
  {%- endif -%}
{%- endmacro %}

{% macro pipeline_runs_finish() -%}
  {%- if execute -%}
  update {{ pipeline_runs_relation() }} set
    finished_at = {{ current_ts() }},
    duration_seconds = {{ seconds_between('started_at', current_ts()) }},
    raw_orders = (select count(*) from raw.orders),
    stg_orders = (select count(*) from {{ layer_relation('staging', 'stg_orders') }}),
    fact_orders_rows = (select count(*) from {{ layer_relation('marts', 'fact_orders') }}),
    fact_events_rows = (select count(*) from {{ layer_relation('marts', 'fact_events') }}),
    daily_metrics_rows = (select count(*) from {{ layer_relation('analytics', 'daily_metrics') }}),
    quarantined_records = (select count(*) from {{ layer_relation('audit', 'quarantine_records') }})
  where invocation_id = '{{ invocation_id }}'
  {%- endif -%}
{%- endmacro %}
