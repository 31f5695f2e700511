# syntax=docker/dockerfile:1
FROM golang:1.21
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/go/pkg/mod \
    --mount=type=cache,target=/root/.cache/go-build \
    go build -o /app .
CMD ["/app"]
