FROM golang:1.20-alpine
RUN apk add --no-cache git
WORKDIR /app
COPY go.mod ./
COPY main.go ./
COPY templates/ ./templates/
RUN CGO_ENABLED=0 go build -ldflags "-X main.version=1" -o /app/bin/web
RUN adduser -D appuser
USER appuser
LABEL org.opencontainers.image.source="https://example.com/web"
HEALTHCHECK CMD wget -qO- http://localhost:8080/healthz || exit 1
STOPSIGNAL SIGTERM
ENTRYPOINT ["/app/bin/web"]
