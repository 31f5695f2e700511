FROM python:3.6-alpine3.8 AS base
FROM base
RUN apk add --update git
