# syntax=docker/dockerfile:1
FROM php:8.2-cli
RUN --mount=type=cache,id=composer,target=/root/.composer/cache,sharing=locked composer install
