## Lo que rodea cada página.

site-name = Undersigned
skip-to-content = Ir al contenido
nav-site = Sitio
nav-dashboard = Panel
nav-moderation = Moderación
nav-log-out = Cerrar sesión
nav-log-in = Iniciar sesión
nav-start-letter = Empezar una carta
footer-tagline = Undersigned: cartas abiertas, firmas confirmadas, recuentos verdaderos.
footer-atom = Cartas nuevas (canal Atom)
language-switcher = Idioma
language-name = Español
see-all-letters = Ver todas las cartas

## Recuentos.

count-signatures = { $n ->
    [one] { $count } firma
   *[other] { $count } firmas
}
count-signatures-label = Firmas hasta ahora
count-signed = { $count } firmaron
count-online-verified-paper = { $online } en línea, { $verified } de ellas verificadas, + { $paper } en papel
count-verified = { $count } desde direcciones verificadas
count-goal = Meta: { $count } firmas

## La página de la carta.

letter-kind = Carta abierta
letter-kind-closed = cerrada
letter-part-of = parte de <a href="{ $url }">{ $title }</a>
letter-to = Para: { $to }
letter-sign-aside = Firmar
letter-goal-reached = Meta alcanzada el { $date }.
letter-closes-on = Se cierra el { $date }.
letter-closed = <strong>Esta carta está cerrada.</strong> Ya no acepta firmas; la lista de abajo es definitiva.
letter-pdf = La carta con sus firmas (PDF)
letter-check = Cómo comprobar este recuento
letter-updates-feed-title = Novedades sobre { $title }
letter-delivered = Entregada
letter-delivered-to = Entregada a { $to } el <time datetime="{ $date }">{ $on }</time> con { $count } firmas.
letter-updates = Novedades
letter-response-from = Respuesta de { $from }:
letter-follow-updates = Seguir las novedades (canal Atom)
letter-why-they-signed = Por qué firmaron
letter-recently-signed = Firmaron hace poco
letter-chart = Firmas a lo largo del tiempo
letter-chart-alt = Un gráfico de las { $count } firmas según cuándo se confirmaron.
letter-chart-caption = Contadas por la hora (o el día) en que se confirmó cada firma. <a href="{ $data }">Los datos (JSON)</a> · <a href="{ $chart }">el gráfico solo</a>.
letter-groups = Firmas por { $noun }
letter-find-group = Buscar un grupo
letter-find-your-group = Busca tu { $noun }
search = Buscar
letter-group-signed = <strong>{ $count }</strong> firmaron
letter-group-verified = { $count } verificadas
letter-group-progress = { $name }: { $progress } % de su meta de { $goal }
letter-no-group = Ningún { $noun } coincide.
letter-no-group-query = Ningún { $noun } coincide con «{ $q }».
letter-start-pledge = Empieza un compromiso en el tuyo con el formulario de arriba.
letter-spread = Corre la voz
letter-embed = En tu propio sitio: la <a href="{ $badge }">insignia con el recuento</a> o el <a href="{ $embed }">widget</a> (<code>{ $code }</code>).

## Una persona firmante.

signatory-anonymous = Anónimo
signatory-verified = — dirección verificada de { $domain }
signatory-verified-title = Confirmada desde una dirección de { $domain }

## La lista de firmantes.

signatories = Firmantes
signatories-from = Firmantes de { $group }
signatories-search = Buscar entre quienes firmaron
signatories-search-label = Busca en la lista por nombre, cargo o afiliación
signatories-none-match = Nadie en la lista coincide con «{ $who }».
signatories-matches = { $n ->
    [one] Una persona coincide con «{ $who }».
   *[other] { $count } personas coinciden con «{ $who }».
}
signatories-show-all = Ver la lista entera
signatories-none = Todavía no hay firmas confirmadas.
signatories-matches-label = Coincidencias
signatories-pages = Páginas de firmantes
page-previous = Anterior
page-next = Siguiente
page-of = Página { $page } de { $pages }
signatories-paper = Firmadas en papel
signatories-paper-note = Recogidas en hojas de papel por quienes organizan; contadas, nunca verificadas.
signatories-paper-batch = <strong>{ $count }</strong> en papel, recogidas el <time datetime="{ $date }">{ $on }</time> en { $place }
signatories-on-paper = (en papel)
signatories-csv = Descargar la lista (CSV)

## El formulario para firmar.

sign-title = Firma esta carta
sign-title-group = Firma esta carta con { $group }
sign-privacy = Tu nombre, cargo y afiliación aparecen en la lista (tu nombre no, si firmas de forma anónima). Tu correo, nunca.
sign-discreet-letter = Esta carta es discreta
sign-discreet-group = Firmar con { $groups } es discreto
sign-discreet-help = : el correo que te enviamos para confirmar solo dice «Confirma tu firma», sin nombrar la carta ni a quién va dirigida, y cuando confirmes guardamos solo el dominio de tu dirección (para la insignia de verificación), nunca la dirección. Tu enlace de confirmación te sigue permitiendo retirar la firma.
sign-name = Nombre
sign-email = Correo electrónico
sign-email-note = (nunca se muestra; te enviamos un enlace para confirmar)
sign-email-help = Firma con tu dirección de { $noun } para aparecer como verificada, aunque firmes de forma anónima.
sign-title-field = Cargo o función
optional = (opcional)
sign-affiliation = Afiliación
sign-group-none = Ninguno
sign-group-only = (solo direcciones de { $domains })
sign-new-group = ¿No está en la lista? Empieza un compromiso en tu { $noun }
sign-new-group-note = (su nombre completo; aparece cuando quienes organizan lo aceptan, y tu firma cuenta mientras tanto)
sign-reason = Por qué firmas
sign-reason-note = (opcional, hasta 280 caracteres; se muestra con tu firma tal como la muestra la lista, cuando una persona moderadora lo aprueba)
sign-anonymous = Firmar de forma anónima: mostrar «Anónimo» en lugar de mi nombre
sign-updates = Quienes organizan pueden enviarme por correo novedades sobre esta carta
sign-updates-email = Una dirección personal para las novedades
sign-updates-email-note = (opcional; no la de tu trabajo: guardamos esta en su lugar, para enviarte las novedades)
sign-updates-email-note-groups = (opcional, para { $groups }; no la de tu trabajo: guardamos esta en su lugar, para enviarte las novedades)
sign-button = Firmar

## Después de firmar.

check-email-title = Revisa tu correo
check-email-sent = Te hemos enviado un correo sobre <a href="{ $url }">{ $title }</a>.
    Abre el enlace que contiene y pulsa el botón para confirmar: tu firma solo cuenta cuando está confirmada.
check-email-hours = El enlace funciona durante { $hours } horas. ¿No ha llegado nada? Mira en la carpeta de correo no deseado, o vuelve a firmar con la misma dirección para recibir un enlace nuevo.
confirm-title = Confirma tu firma
confirm-about = Vas a confirmar tu firma en <a href="{ $url }">{ $title }</a>.
confirm-button = Confirmar mi firma
thanks-title = Gracias
thanks-awaiting = Tu firma en <a href="{ $url }">{ $title }</a> está confirmada. Quienes organizan revisan las firmas de esta carta; la tuya aparecerá cuando la aprueben.
thanks-counts = Tu firma en <a href="{ $url }">{ $title }</a> está confirmada y ya cuenta.
thanks-place = Eres la firma <strong>n.º { $count }</strong>.
thanks-share = Pide a otras personas que firmen
thanks-share-why = Las cartas crecen cuando quienes firmaron las comparten. Comparte el enlace:
thanks-share-link = Enlace a la carta
thanks-receipt = Tu recibo
thanks-receipt-why = Cada firma de esta carta está en un registro público que cualquiera puede comprobar. Guarda este recibo: con él puedes encontrar tu propia entrada y demostrar que es tuya, aunque hayas firmado de forma anónima. Solo se muestra ahora; guardamos únicamente una huella de él.
thanks-receipt-download = Descargar el recibo
thanks-receipt-copy = O cópialo
thanks-withdraw = ¿Has cambiado de opinión? El correo que te enviamos tiene un enlace para retirar tu firma.
withdraw-title = Retira tu firma
withdraw-about = Vas a retirar tu firma de <a href="{ $url }">{ $title }</a>. Dejará de contar y saldrá de la lista.
withdraw-button = Retirar mi firma
withdrawn-title = Firma retirada
withdrawn-heading = Tu firma está retirada
withdrawn-about = Ya no cuenta para <a href="{ $url }">{ $title }</a> y ha salido de la lista.

## Errores.

error-not-found = No encontramos esa página.
error-forbidden = No puedes hacer eso. Si estabas rellenando un formulario, vuelve a cargar la página e inténtalo de nuevo.
error-bad-request = No pudimos entender esa petición.
error-internal = Algo ha fallado por nuestra parte. Inténtalo de nuevo dentro de un momento.
error-name-empty = Escribe tu nombre.
error-name-control = Tu nombre no puede contener caracteres de control.
error-name-long = Tu nombre es demasiado largo (como máximo { $max } caracteres).
error-name-url = Un nombre no puede contener una dirección web.
error-name-formula = Un nombre no puede empezar por =, +, - o @.
error-email-empty = Escribe tu dirección de correo.
error-email-long = Esa dirección de correo es demasiado larga.
error-email-invalid = Escribe una dirección de correo válida, como nombre@ejemplo.org.
error-text-chars = Usa solo letras, cifras y signos de puntuación.
error-text-long = Escribe menos de { $max } caracteres.
error-group-unknown = Elige uno de los grupos de esta carta.
error-group-name-short = Escribe el nombre completo del grupo.
error-group-both = Elige un grupo de la lista o propón uno nuevo, no las dos cosas.
error-group-no-proposals = Esta carta no acepta grupos nuevos; elige uno de sus grupos.
error-group-verified-only = { $group } solo acepta firmas desde direcciones de { $domains }. Usa esa dirección o elige otro grupo.
error-letter-closed = Esta carta está cerrada y ya no acepta firmas.
error-link-not-valid = Este enlace ha caducado o ya se ha usado.

## Correo a quienes firman.

mail-hello = Hola, { $name }:
mail-hello-anonymous = Hola:
mail-confirm-subject = Confirma tu firma en «{ $title }»
mail-confirm-thanks = Gracias por firmar «{ $title }».
mail-confirm-link = Confirma tu firma abriendo este enlace y pulsando el botón (funciona durante { $hours } horas):
mail-confirm-link-html = <a href="{ $url }">Confirma tu firma</a> abriendo este enlace y pulsando el botón (funciona durante { $hours } horas). Tu firma solo cuenta cuando está confirmada.
mail-confirm-counts = Tu firma solo cuenta cuando está confirmada.
mail-withdraw-any-time = Para retirar tu firma en cualquier momento, antes o después de confirmar:
mail-withdraw-any-time-html = Para retirar tu firma en cualquier momento, antes o después de confirmar: <a href="{ $url }">retirar</a>.
mail-footer-why = Recibes este correo porque alguien firmó esta carta con tu dirección. Si no fuiste tú, ignóralo: no se publica nada sin confirmación.
error-check-form = Revisa el formulario e inténtalo de nuevo.
mail-discreet-subject = Confirma tu firma
mail-discreet-already-subject = Ya has firmado
mail-already-signed = Alguien (probablemente tú) acaba de firmar «{ $title }» con esta dirección, que ya la había firmado. No hemos añadido una segunda firma.
mail-already-signed-discreet = Alguien (probablemente tú) acaba de firmar con esta dirección, que ya había firmado. No hemos añadido una segunda firma.
mail-not-confirmed = Tu firma aún no está confirmada. Para confirmarla, abre este enlace y pulsa el botón (funciona durante { $hours } horas):
mail-not-confirmed-html = Tu firma aún no está confirmada: <a href="{ $url }">confírmala</a> (el enlace funciona durante { $hours } horas).
mail-withdraw = Para retirar tu firma:
mail-withdraw-html = Para retirar tu firma: <a href="{ $url }">retirar</a>.
mail-discreet-behind-link = Lo que firmaste aparece al abrir el enlace.
mail-discreet-footer-why = Recibes este correo porque alguien usó tu dirección para firmar con Undersigned. Si no fuiste tú, ignóralo: no se publica nada sin confirmación.
noun-campus = campus
noun-company = empresa
noun-group = grupo
letter-languages = Esta carta en:

## La página de un grupo.

group-breadcrumb = Ruta de navegación
group-tally-label = Firmas de { $group }
group-in-all = { $count } firmaron la carta en total.
group-read-letter = Leer la carta
group-verified-note = Las firmas confirmadas desde una dirección de { $domains } aparecen como verificadas.
group-verified-only-note = Las firmas confirmadas desde una dirección de { $domains } aparecen como verificadas; este { $noun } solo acepta firmas así.

## La página de inicio.

home-feed-title = Cartas abiertas nuevas
home-title = Cartas abiertas y campañas
home-search = Buscar entre las cartas
home-search-titles = Buscar en los títulos
home-audience = Público
home-audience-everyone = Todo el mundo
home-show = Mostrar
home-show-all = Mostrar todo
home-campaigns = Campañas
home-campaign-count = <strong>{ $count }</strong> firmas en { $letters ->
    [one] { $letters } carta
   *[other] { $letters } cartas
}
home-campaign-verified = , { $count } desde direcciones verificadas
home-more-letters = Más cartas
home-letters = Cartas
home-no-match = Ninguna carta coincide.
home-none = Todavía no se ha publicado ninguna carta.
home-letter-count = <strong>{ $count }</strong> firmaron
home-letter-goal = de una meta de { $goal }

## Cómo comprobar este recuento.

check-title = Cómo comprobar este recuento
check-on = Sobre <a href="{ $url }">{ $title }</a>.
check-intro = No tienes que creernos la cifra de esta carta. Cada firma que entra en el recuento, y cada una que sale (retirada por quien firmó, u ocultada o rechazada por una persona moderadora, con el motivo), se escribe en un registro público que solo puede crecer. Las firmas recogidas en papel también están, marcadas como tales.
check-what = Qué es el registro
check-what-entry = Cada entrada dice qué pasó, cuándo, a qué firma (con un número anónimo) y lo que la lista pública muestra de ella, en una huella que no se puede invertir: el nombre de quien firmó de forma anónima nunca está en ella.
check-what-tree = Las entradas se encadenan en un árbol de huellas (un árbol de Merkle, como en Certificate Transparency). Su huella superior cambia si se cambia, se quita o se reordena cualquier entrada.
check-what-head = Cada segundo, más o menos, publicamos la huella superior, el número de entradas y el recuento, firmados con nuestra clave. No podemos mostrar después a una persona una historia distinta de la que vio otra sin que las firmas nos delaten.
check-what-receipt = Quien firma recibe un recibo. Con él puede demostrar que su firma está en el registro, aunque haya firmado de forma anónima.
check-now = El registro ahora
check-entries = Entradas
check-count = Recuento
check-root = Huella superior
check-signed-at = Firmado el
check-key = Clave
check-yourself = Compruébalo tú
check-command = Con el programa libre <code>undersigned</code>, una sola orden lo descarga todo, recalcula cada huella y el recuento, y comprueba la firma:
check-again = Vuelve a ejecutarla más tarde con la misma carpeta <code>--state</code>: comprueba que el registro solo ha crecido desde entonces. Añade <code>--receipt receipt.json</code> para demostrar que tu propia firma está en él.
check-data = O descarga los datos y compruébalos a tu manera (el formato exacto está en la documentación del servicio):
check-data-head = La cabecera firmada
check-data-entries = Las primeras { $count } entradas
check-data-key = La clave

## Dejar de recibir novedades, y sumarse como voluntariado.

unsubscribe-title = Dejar de recibir novedades
unsubscribe-heading = Dejar de recibir novedades de esta carta
unsubscribe-already = Ya no recibes novedades sobre <a href="{ $url }">{ $title }</a>. Tu firma sigue contando.
unsubscribe-why = Recibes correos de quienes organizan <a href="{ $url }">{ $title }</a> porque la firmaste y aceptaste recibirlos. Pulsa el botón para dejar de recibirlos; tu firma sigue contando.
unsubscribed-title = Novedades desactivadas
unsubscribed-heading = No recibirás más novedades sobre esta carta
unsubscribed-about = Quienes organizan <a href="{ $url }">{ $title }</a> no volverán a escribirte. Tu firma sigue contando; sus novedades siguen en la página de la carta.
organise-check-email-sent = Te hemos enviado un correo sobre organizarte con <a href="{ $url }">{ $title }</a>.
    Abre el enlace que contiene y pulsa el botón para confirmar.
organise-check-email-hours = El enlace funciona durante { $hours } horas. ¿No ha llegado nada? Mira en la carpeta de correo no deseado, o vuelve a apuntarte con la misma dirección para recibir un enlace nuevo.
volunteer-confirm-title = Confirma que quieres organizarte
volunteer-confirm-about = Vas a confirmar que quieres organizarte con <a href="{ $url }">{ $title }</a>. Quienes organizan verán tu nombre, tu dirección y lo que escribiste.
volunteer-confirm-button = Confirmar
volunteer-welcome-title = Te damos la bienvenida
volunteer-welcome-heading = Te damos la bienvenida a { $title }
volunteer-welcome-about = Tu participación como voluntaria o voluntario está confirmada. Te hemos enviado por correo lo que prepararon quienes organizan (materiales, horarios de reuniones), y se pondrán en contacto contigo.
volunteer-back = Volver a la campaña

## «Apúntate para empezar a organizar».

organise-heading = Apúntate para empezar a organizar
organise-intro = Conoce a otras personas que se organizan con <a href="{ $url }">{ $title }</a>, y recibe materiales y apoyo para lanzar una campaña donde estudias o trabajas. Solo quienes organizan (y quienes coordinan tu campus o lugar de trabajo) ven lo que envíes aquí; no se publica nada.
organise-check-fields = Revisa los campos marcados abajo.
organise-name = Tu nombre
organise-email-note = (te enviamos un enlace para confirmar)
organise-place = Tu campus o lugar de trabajo
organise-not-listed = No está en la lista
organise-place-not-listed = ¿No está en la lista? Tu campus o lugar de trabajo
organise-help = ¿Qué te gustaría hacer?
organise-message = Un mensaje breve
organise-button = Apuntarme para organizar
