FROM node:18 AS build
WORKDIR /src
RUN npm ci && npm run build
FROM nginx:alpine
COPY --from=build /src/dist /usr/share/nginx/html
