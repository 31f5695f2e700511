FROM alpine:3.20 AS a
RUN echo a > /a
FROM busybox:1.36 AS b
RUN echo b > /b
FROM python:3.12-slim AS c
COPY --from=a /a /a
FROM node:22-alpine AS d
COPY --from=b /b /b
FROM gcr.io/distroless/static-debian12
COPY --from=c /a /a
