"""The Scrapy project: settings, spiders, middlewares (archive, replay, politeness), item pipeline."""
