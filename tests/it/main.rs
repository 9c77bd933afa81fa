//! Integration tests: the real app on a fresh database (PostgreSQL, and SQLite
//! for the core path), with mail delivered over SMTP to a loopback server.

mod support;

mod access;
mod architecture;
mod bad_input;
mod browser;
mod campaigns;
mod counts;
mod crash;
mod deadlines;
mod deliveries;
mod discreet;
mod duplicates;
mod embedded;
mod enumeration;
mod groups;
mod html;
mod i18n;
mod instances;
mod limits;
mod log;
mod mail_arrives;
mod mail_outage;
mod mail_priority;
mod openapi;
mod operations;
mod organisers;
mod outage;
mod padding;
mod paper;
mod privacy;
mod pseudo;
mod public_list;
mod reasons;
mod retention;
mod roles;
mod security;
mod signing_flow;
mod site;
mod teams;
mod updates;
mod volunteers;
mod webhooks;
mod xss;
