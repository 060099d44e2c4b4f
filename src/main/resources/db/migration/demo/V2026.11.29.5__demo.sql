create schema if not exists demo;

-- Which generators have loaded the demo dataset, at which scale and seed.
create table demo.generated (
    generator    text        primary key,
    scale        text        not null,
    seed         bigint      not null,
    rows_written bigint      not null,
    millis       bigint      not null,
    generated_at timestamptz not null default now()
);
