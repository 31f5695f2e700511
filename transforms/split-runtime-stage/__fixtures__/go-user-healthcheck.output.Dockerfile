FROM golang:1.20-alpine AS build
RUN apk add --no-cache git
WORKDIR /app
COPY go.mod ./
COPY main.go ./
COPY templates/ ./templates/
RUN CGO_ENABLED=0 go build -ldflags "-X main.version=1" -o /app/bin/web
RUN adduser -D appuser

FROM gcr.io/distroless/static-debian12:nonroot
WORKDIR /app
COPY --from=build /app/bin/web /app/bin/web
COPY --from=build /app/templates /app/templates
USER nonroot
LABEL org.opencontainers.image.source="https://example.com/web"
HEALTHCHECK CMD wget -qO- http://localhost:8080/healthz || exit 1
STOPSIGNAL SIGTERM
ENTRYPOINT ["/app/bin/web"]
