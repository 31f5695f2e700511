FROM golang:1.22 AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.cache/go-build CGO_ENABLED=0 go build -ldflags="-s -w" -o /out/api ./cmd/api

FROM gcr.io/distroless/static-debian12:latest
WORKDIR /src
COPY --from=build /out/api /out/api
COPY --from=build /src /src
EXPOSE 9000
CMD ["/out/api"]
