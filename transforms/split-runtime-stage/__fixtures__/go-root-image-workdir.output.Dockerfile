# Runs as root; the golang image's WORKDIR /go is root's and the program may write there: stays root (:latest).
FROM golang:1.22-bookworm AS build
COPY main.go go.mod /src/
RUN CGO_ENABLED=0 go build -ldflags="-s -w" -C /src -o /app .

FROM gcr.io/distroless/static-debian12:latest
WORKDIR /go
COPY --from=build /app /app
CMD ["/app"]
