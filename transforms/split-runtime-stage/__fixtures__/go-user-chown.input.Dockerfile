# The user owns the folder it writes: on distroless it would be nonroot (65532): not split.
FROM golang:1.22-bookworm
WORKDIR /src
COPY main.go go.mod ./
RUN CGO_ENABLED=0 go build -o /usr/local/bin/store .
RUN useradd -r app && mkdir /data && chown app /data
USER app
CMD ["store", "--dir", "/data"]
