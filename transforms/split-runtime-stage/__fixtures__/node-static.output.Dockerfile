FROM node:18 AS build
WORKDIR /app
COPY . .
RUN npm ci && npm run build
CMD ["npx", "serve", "-s", "build"]

FROM nginx:stable-alpine
COPY --from=build /app/build /usr/share/nginx/html
# slimify: answer index.html for unknown paths (client-side routing), as `serve -s` did
RUN printf 'server {\n    listen 80;\n    root /usr/share/nginx/html;\n    index index.html;\n    location / {\n        try_files $uri $uri/ /index.html;\n    }\n}\n' > /etc/nginx/conf.d/default.conf
EXPOSE 80
